package vn.ngoforum.consultations;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import vn.ngoforum.support.Api;
import vn.ngoforum.support.People;
import vn.ngoforum.support.TestForum;

/** The realm's demo people as API clients of one test forum, each signed in once, when first asked for. */
final class DemoPeople {

  private final TestForum forum;
  private final Map<String, Api> signedIn = new ConcurrentHashMap<>();

  DemoPeople(TestForum forum) {
    this.forum = forum;
  }

  Api guest() {
    return forum.api();
  }

  Api moderator() {
    return signedIn("moderator");
  }

  Api member() {
    return signedIn("member");
  }

  Api attendee() {
    return signedIn("attendee");
  }

  private Api signedIn(String username) {
    return signedIn.computeIfAbsent(username, name -> forum.as(People.token(name)));
  }
}
