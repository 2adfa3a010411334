package vn.ngoforum.notify;

import io.vertx.core.json.JsonObject;

/**
 * What people are told: its {@code kind} (e.g. {@code org.join_request}), where it leads ({@code url}, a path on the
 * forum), who did it ({@code actorId}, {@code actorName}) and its details ({@code about}, e.g.
 * {@code {org, orgName:{vi,en}, decision}}), which the inbox shows as they are.
 */
public record Notice(String kind, String url, String actorId, String actorName, JsonObject about) {

  public Notice {
    about = about == null ? new JsonObject() : about.copy();
  }
}
