package vn.ngoforum.qa.events;

import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The {@code /events} page's three lists, decided from the catalogue's start and end times: live now (started, not
 * ended), upcoming (soonest first) and past (latest first, at most {@link #MAX_PAST}). A cancelled event is never
 * live.
 */
public record EventListing(List<Event> live, List<Event> upcoming, List<Event> past) {

  static final int MAX_PAST = 100;

  /** Which entries ({@code {id, startsAt, endsAt}}) are live, upcoming and past at {@code now}: their ids. */
  static List<List<String>> split(List<JsonObject> entries, Instant now) {
    long at = now.toEpochMilli();
    List<JsonObject> live = new ArrayList<>();
    List<JsonObject> upcoming = new ArrayList<>();
    List<JsonObject> past = new ArrayList<>();
    for (JsonObject entry : entries) {
      Long start = entry.getLong("startsAt");
      Long end = entry.getLong("endsAt");
      if (start != null && start > at) {
        upcoming.add(entry);
      } else if (start != null && end != null && end > at) {
        live.add(entry);
      } else {
        past.add(entry);
      }
    }
    Comparator<JsonObject> byStart = Comparator.comparing(entry -> entry.getLong("startsAt"),
        Comparator.nullsFirst(Comparator.naturalOrder()));
    live.sort(byStart);
    upcoming.sort(byStart);
    past.sort(byStart.reversed());
    return List.of(ids(live), ids(upcoming), ids(past.subList(0, Math.min(MAX_PAST, past.size()))));
  }

  private static List<String> ids(List<JsonObject> entries) {
    return entries.stream().map(entry -> entry.getString("id")).toList();
  }

  /** The lists of {@code found} (the events read for the ids of {@link #split}), a cancelled "live" one as past. */
  static EventListing of(List<List<String>> ids, List<Event> found) {
    List<Event> live = pick(ids.get(0), found);
    List<Event> past = new ArrayList<>(live.stream().filter(Event::cancelled).toList());
    past.addAll(pick(ids.get(2), found));
    return new EventListing(live.stream().filter(event -> !event.cancelled()).toList(), pick(ids.get(1), found),
        past);
  }

  private static List<Event> pick(List<String> ids, List<Event> found) {
    return found.stream().filter(event -> ids.contains(event.id()))
        .sorted(Comparator.comparing(event -> ids.indexOf(event.id()))).toList();
  }

  /** {@code {live:[...], upcoming:[...], past:[...]}} of the events' views. */
  public JsonObject json() {
    return new JsonObject().put("live", live.stream().map(Event::json).toList())
        .put("upcoming", upcoming.stream().map(Event::json).toList())
        .put("past", past.stream().map(Event::json).toList());
  }

  /** Whether a session (or event) with these times is happening at {@code now}. */
  static boolean liveAt(Instant start, Instant end, Instant now) {
    return start != null && end != null && !start.isAfter(now) && end.isAfter(now);
  }
}
