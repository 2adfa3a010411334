package vn.ngoforum.registry.memberships;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import vn.ngoforum.auth.Memberships;
import vn.ngoforum.registry.organisations.Membership;
import vn.ngoforum.registry.organisations.MembershipRepository;
import vn.ngoforum.registry.organisations.Organisation;
import vn.ngoforum.registry.organisations.OrganisationRepository;

/**
 * The registry as the rest of the forum asks it ({@link Memberships}): which organisations a person belongs to,
 * and through them whether they have member rights. A suspended or removed organisation is nobody's: its
 * memberships stay stored (a reinstatement gives them back) but are not answered.
 */
public final class RegistryMemberships implements Memberships {

  private final OrganisationRepository organisations;
  private final MembershipRepository memberships;

  public RegistryMemberships(OrganisationRepository organisations, MembershipRepository memberships) {
    this.organisations = organisations;
    this.memberships = memberships;
  }

  @Override
  public Future<List<JsonObject>> of(String userId) {
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
              .put("role", roles.get(organisation.slug())))
          .toList());
    });
  }
}
