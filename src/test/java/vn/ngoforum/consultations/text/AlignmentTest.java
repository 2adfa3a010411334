package vn.ngoforum.consultations.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** An English text aligns with the Vietnamese one when both have the same parts (the same number paths). */
public class AlignmentTest {

  /** {@link SplitterTest#DECREE} in English, as a ministry's translation writes it (point đ) as "dd)"). */
  public static final String DECREE_ENGLISH = """
      GOVERNMENT
      SOCIALIST REPUBLIC OF VIETNAM

      DRAFT DECREE
      On the management of endangered, precious and rare forest plants and animals

      Chapter I
      GENERAL PROVISIONS

      Article 1. Scope
      This Decree governs the management of endangered, precious and rare forest plants and animals.

      Article 2. Definitions
      In this Decree, the terms below are construed as follows:
      1. Forest animals are the animal species living in forest ecosystems.
      2. Specimens are live or dead animals and plants, their eggs, larvae, parts and derivatives, as provided in
      clause 1 of this Article and point a of clause 2 of Article 5 of this Decree.
      3. A farm is a place where forest animals are raised or bred as this Decree provides.

      Chapter II
      MANAGEMENT OF FOREST ANIMALS

      Section 1. FARMING FOREST ANIMALS

      Article 3. Conditions for farming
      1. A farm shall meet the following conditions:
      a) Cages and pens suited to the species farmed;
      b) Safety for people and animals;
      c) Environmental hygiene and disease prevention as provided in points a) and b) of this clause;
      d) A lawful origin;
      dd) A farming register kept in Form No. 16 of the Appendix to this Decree;
      e) Registration with the local forest protection office.
      2. Organisations and individuals farming animals shall comply with clause 1 of this Article.

      Section 2. HANDLING VIOLATIONS

      Article 4. Prohibited acts
      The following acts are prohibited:
      a) Hunting, catching or killing endangered, precious and rare forest animals;
      b) Illegally transporting or trading specimens referred to in Article 3 of this Decree.

      Article 5. Confiscation and handling of specimens
      Article 5 of the Law on Forestry applies as follows:
      1. Confiscated specimens are handled in the order of priority in clause 2 of this Article.
      2. Order of priority:
      a) Release into the wild;
      b) Transfer to a rescue centre.

      Chapter III
      IMPLEMENTATION

      Article 6. Entry into force
      This Decree takes effect on 1 January 2027.
      """;

  @Test
  @DisplayName("the decree's English translation splits into exactly the Vietnamese parts: it aligns; dd) is đ)")
  void aligned() {
    Splitter.Split vi = Splitter.split(SplitterTest.DECREE);
    Splitter.Split en = Splitter.split(DECREE_ENGLISH);
    Alignment alignment = Alignment.of(vi.parts(), en.parts());
    assertTrue(alignment.aligned(), alignment.message());
    assertEquals(vi.size(), en.size());
    Part register = Changes.byId(en.parts()).get("d3-k1-pdd");
    assertEquals("A farming register kept in Form No. 16 of the Appendix to this Decree;", register.text());
    assertEquals("dd", register.number(), "numbered as written");
    assertEquals("e", Changes.byId(en.parts()).get("d3-k1-pe").number(), "e) follows dd)");
    assertTrue(en.preamble().startsWith("GOVERNMENT"), en.preamble());
  }

  @Test
  @DisplayName("a clause only in the English text, and a chapter only in the Vietnamese one, are named in English")
  void misaligned() {
    String english = DECREE_ENGLISH
        .replace("b) Transfer to a rescue centre.", "b) Transfer to a rescue centre.\n3. Specimens are recorded.")
        .replace("Chapter III\nIMPLEMENTATION\n\nArticle 6. Entry into force\nThis Decree takes effect on 1 January 2027.\n",
            "");
    Alignment alignment = Alignment.of(Splitter.split(SplitterTest.DECREE).parts(), Splitter.split(english).parts());
    assertFalse(alignment.aligned());
    assertEquals(List.of("d5-k3"), alignment.onlyEnglish());
    assertEquals(List.of("c3", "d6"), alignment.onlyVietnamese());
    assertEquals("The English text does not align with the Vietnamese one clause by clause: Article 5 clause 3 has no"
        + " Vietnamese counterpart. Chapter III, Article 6 have no English counterpart.", alignment.message());
  }

  @Test
  @DisplayName("a message names the first three parts on a side and says how many more there are")
  void manyMissing() {
    String english = DECREE_ENGLISH.substring(0, DECREE_ENGLISH.indexOf("Chapter II"));
    Alignment alignment = Alignment.of(Splitter.split(SplitterTest.DECREE).parts(), Splitter.split(english).parts());
    assertEquals(List.of("c2", "c2-m1", "d3"), alignment.onlyVietnamese().subList(0, 3));
    assertTrue(alignment.message().endsWith("Chapter II, Section 1, Article 3 and "
        + (alignment.onlyVietnamese().size() - 3) + " more have no English counterpart."), alignment.message());
  }
}
