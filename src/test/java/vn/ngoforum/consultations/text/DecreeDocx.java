package vn.ngoforum.consultations.text;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.util.List;
import org.apache.poi.poifs.crypt.EncryptionInfo;
import org.apache.poi.poifs.crypt.EncryptionMode;
import org.apache.poi.poifs.crypt.Encryptor;
import org.apache.poi.poifs.filesystem.POIFSFileSystem;
import org.apache.poi.xwpf.usermodel.XWPFAbstractNum;
import org.apache.poi.xwpf.usermodel.XWPFDocument;
import org.apache.poi.xwpf.usermodel.XWPFNum;
import org.apache.poi.xwpf.usermodel.XWPFNumbering;
import org.apache.poi.xwpf.usermodel.XWPFParagraph;
import org.apache.poi.xwpf.usermodel.XWPFTable;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.CTAbstractNum;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.CTLvl;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.CTNumLvl;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.STNumberFormat;

/**
 * Word drafts as a ministry's drafting office writes them, made with POI for the tests: chapter, section and
 * article headings typed, clauses and points numbered by Word's automatic numbering ("%1." then "%2)", restarted
 * for each article) in some articles and typed in others (the point "đ)" has no automatic form), a cross-reference
 * "khoản 2 Điều 5" inside a clause, and an appendix table.
 */
public final class DecreeDocx {

  private final XWPFDocument document = new XWPFDocument();
  private final XWPFNumbering numbering = document.createNumbering();
  private final BigInteger clauses;
  private BigInteger list;

  private DecreeDocx() {
    CTAbstractNum definition = CTAbstractNum.Factory.newInstance();
    definition.setAbstractNumId(BigInteger.ONE);
    level(definition, 0, STNumberFormat.DECIMAL, "%1.");
    level(definition, 1, STNumberFormat.LOWER_LETTER, "%2)");
    clauses = numbering.addAbstractNum(new XWPFAbstractNum(definition, numbering));
  }

  /** The first version of the draft decree. */
  public static byte[] decree() {
    return decree(false);
  }

  /**
   * The draft; {@code revised}: the authority's second draft (Điều 2 khoản 2 reworded, Điều 3 khoản 2 gone,
   * Điều 4 gains a point e), Điều 6 added).
   */
  public static byte[] decree(boolean revised) {
    DecreeDocx d = new DecreeDocx();
    d.typed("CHÍNH PHỦ",
        "DỰ THẢO NGHỊ ĐỊNH",
        "Quy định về quản lý động vật rừng nguy cấp, quý, hiếm",
        "Căn cứ Luật Lâm nghiệp ngày 15 tháng 11 năm 2017;",
        "Chương I",
        "NHỮNG QUY ĐỊNH CHUNG",
        "Điều 1. Phạm vi điều chỉnh",
        "Nghị định này quy định về quản lý động vật rừng nguy cấp, quý, hiếm.",
        "Điều 2. Giải thích từ ngữ");
    d.newList();
    d.numbered(0, "Động vật rừng là các loài động vật sống trong hệ sinh thái rừng.");
    d.numbered(0, revised
        ? "Mẫu vật là động vật còn sống hoặc đã chết và bộ phận của chúng theo quy định tại khoản 2 Điều 5 của"
            + " Nghị định này."
        : "Mẫu vật là động vật, thực vật còn sống hoặc đã chết, trứng, bộ phận của chúng theo quy định tại"
            + " khoản 2 Điều 5 của Nghị định này.");
    d.typed("Chương II",
        "QUẢN LÝ ĐỘNG VẬT RỪNG",
        "Mục 1. NUÔI ĐỘNG VẬT RỪNG",
        "Điều 3. Điều kiện nuôi");
    d.newList();
    d.numbered(0, "Cơ sở nuôi phải đáp ứng các điều kiện sau:");
    d.numbered(1, "Chuồng, trại phù hợp với đặc tính của loài nuôi;");
    d.numbered(1, "Bảo đảm an toàn cho người và vật nuôi.");
    if (!revised) {
      d.numbered(0, "Tổ chức, cá nhân nuôi có trách nhiệm thực hiện quy định tại khoản 1 Điều này.");
    }
    d.typed("Điều 4. Các hành vi bị nghiêm cấm",
        "Nghiêm cấm các hành vi sau đây:",
        "a) Săn, bắt, giết động vật rừng nguy cấp, quý, hiếm;",
        "b) Vận chuyển trái phép mẫu vật;",
        "c) Quảng cáo, mua bán mẫu vật trên không gian mạng;",
        "d) Nuôi, nhốt trái phép;",
        "đ) Tàng trữ trái phép mẫu vật quy định tại điểm a khoản 2 Điều 5 của Nghị định này" + (revised ? ";" : "."));
    if (revised) {
      d.typed("e) Tiêu thụ sản phẩm có nguồn gốc từ động vật rừng nguy cấp.");
    }
    d.typed("Mục 2. XỬ LÝ MẪU VẬT",
        "Điều 5. Tịch thu và xử lý mẫu vật");
    d.newList();
    d.numbered(0, "Mẫu vật bị tịch thu được xử lý theo thứ tự ưu tiên tại khoản 2 Điều này.");
    d.numbered(0, "Thứ tự ưu tiên:");
    d.numbered(1, "Thả về môi trường tự nhiên;");
    d.numbered(1, "Chuyển giao cho cơ sở cứu hộ.");
    if (revised) {
      d.typed("Điều 6. Hiệu lực thi hành",
          "Nghị định này có hiệu lực từ ngày 01 tháng 7 năm 2027.");
    }
    d.typed("Phụ lục");
    XWPFTable table = d.document.createTable(2, 2);
    table.getRow(0).getCell(0).setText("Mẫu số");
    table.getRow(0).getCell(1).setText("Tên mẫu");
    table.getRow(1).getCell(0).setText("16");
    table.getRow(1).getCell(1).setText("Sổ theo dõi nuôi");
    return d.bytes();
  }

  /** A document with these typed paragraphs. */
  public static byte[] paragraphs(List<String> lines) {
    DecreeDocx d = new DecreeDocx();
    d.typed(lines.toArray(String[]::new));
    return d.bytes();
  }

  /** {@code docx} protected by a password, as Word saves it (an OLE2 container holding the encrypted package). */
  public static byte[] encrypted(byte[] docx) {
    try (POIFSFileSystem fs = new POIFSFileSystem(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
      EncryptionInfo info = new EncryptionInfo(EncryptionMode.standard);
      Encryptor encryptor = info.getEncryptor();
      encryptor.confirmPassword("mật khẩu");
      try (OutputStream data = encryptor.getDataStream(fs)) {
        data.write(docx);
      }
      fs.writeFilesystem(out);
      return out.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  private void typed(String... texts) {
    for (String text : texts) {
      document.createParagraph().createRun().setText(text);
    }
  }

  /** A new list for the next article's clauses, restarting at 1 as Word's "Restart at 1" does. */
  private void newList() {
    list = numbering.addNum(clauses);
    XWPFNum num = numbering.getNum(list);
    CTNumLvl restart = num.getCTNum().addNewLvlOverride();
    restart.setIlvl(BigInteger.ZERO);
    restart.addNewStartOverride().setVal(BigInteger.ONE);
  }

  private void numbered(int level, String text) {
    XWPFParagraph paragraph = document.createParagraph();
    paragraph.setNumID(list);
    paragraph.setNumILvl(BigInteger.valueOf(level));
    paragraph.createRun().setText(text);
  }

  private static void level(CTAbstractNum definition, int level, STNumberFormat.Enum format, String text) {
    CTLvl lvl = definition.addNewLvl();
    lvl.setIlvl(BigInteger.valueOf(level));
    lvl.addNewStart().setVal(BigInteger.ONE);
    lvl.addNewNumFmt().setVal(format);
    lvl.addNewLvlText().setVal(text);
  }

  private byte[] bytes() {
    try (ByteArrayOutputStream out = new ByteArrayOutputStream()) {
      document.write(out);
      document.close();
      return out.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
