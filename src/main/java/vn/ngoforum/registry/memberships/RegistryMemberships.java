package vn.ngoforum.registry.memberships;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import vn.ngoforum.auth.Memberships;
import vn.ngoforum.registry.directory.ReferenceData;
import vn.ngoforum.registry.organisations.Membership;
import vn.ngoforum.registry.organisations.MembershipRepository;
import vn.ngoforum.registry.organisations.Organisation;
import vn.ngoforum.registry.organisations.OrganisationRepository;

/**
 * The registry as the rest of the forum asks it ({@link Memberships}): which organisations a person belongs to,
 * and through them whether they have member rights. A suspended or removed organisation is nobody's: its
 * memberships stay stored (a reinstatement gives them back) but are not answered.
 *
 * <p>A signed-in page asks this several times (may they post, whom may they speak for, may they read a members-only
 * category), so the answers are kept per person on this node, each with the registry's version read before it
 * ({@link vn.ngoforum.registry.organisations.RegistryVersionRepository}):
 * a request reads only that version, by key, and reads the person's memberships again once any registry write (on
 * any node) moved it. So a person who loses a membership, or whose organisation loses its verification or is
 * suspended, loses the rights on their next request, as before.
 */
public final class RegistryMemberships implements Memberships {

  /** People whose answers a node keeps at most (the least recently asked are forgotten first). */
  static final int KEPT = 10_000;

  private final OrganisationRepository organisations;
  private final MembershipRepository memberships;
  private final Map<String, Known> known = new LinkedHashMap<>(256, 0.75f, true) {
    @Override
    protected boolean removeEldestEntry(Map.Entry<String, Known> eldest) {
      return size() > KEPT;
    }
  };

  /** A person's memberships as read at a registry version. */
  private record Known(long version, List<JsonObject> memberships) {
  }

  public RegistryMemberships(OrganisationRepository organisations, MembershipRepository memberships) {
    this.organisations = organisations;
    this.memberships = memberships;
  }

  @Override
  public Future<List<JsonObject>> of(String userId) {
    return organisations.version().compose(version -> {
      Known kept = kept(userId);
      if (kept != null && kept.version() == version) {
        return Future.succeededFuture(copies(kept.memberships()));
      }
      return read(userId).map(list -> {
        keep(userId, new Known(version, list));
        return copies(list);
      });
    });
  }

  /** What a caller is given: copies, since a caller may add to what it was given. */
  private static List<JsonObject> copies(List<JsonObject> memberships) {
    return memberships.stream().map(JsonObject::copy).toList();
  }

  private synchronized Known kept(String userId) {
    return known.get(userId);
  }

  private synchronized void keep(String userId, Known answer) {
    Known before = known.get(userId);
    if (before == null || before.version() <= answer.version()) {
      known.put(userId, answer);
    }
  }

  private Future<List<JsonObject>> read(String userId) {
    return memberships.approvedOf(userId).compose(approved -> {
      if (approved.isEmpty()) {
        return Future.succeededFuture(List.<JsonObject>of());
      }
      Map<String, String> roles = approved.stream().collect(Collectors.toMap(Membership::org, Membership::role,
          (a, b) -> a));
      return organisations.findAll(new ArrayList<>(roles.keySet())).map(found -> found.stream()
          .filter(Organisation::listed)
          .map(organisation -> new JsonObject()
              .put("slug", organisation.slug())
              .put("name", organisation.profile().name())
              .put("acronym", organisation.profile().acronym())
              .put("verified", organisation.verified())
              .put("province", ReferenceData.get().province(organisation.profile().province())
                  .map(province -> province.name().copy()).orElse(null))
              .put("role", roles.get(organisation.slug())))
          .toList());
    });
  }
}
