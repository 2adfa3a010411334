package vn.ngoforum.registry.profiles;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import vn.ngoforum.audit.AuditLog;
import vn.ngoforum.auth.CurrentUser;
import vn.ngoforum.error.ForumException;
import vn.ngoforum.registry.organisations.Organisation;
import vn.ngoforum.registry.organisations.OrganisationRepository;
import vn.ngoforum.registry.organisations.Organisations;

/** Organisations' logos: an admin replaces it (checked and shrunk by {@link Logos}); anyone reads it. */
public record LogoService(Vertx vertx, Organisations checks, OrganisationRepository organisations, LogoRepository logos,
    AuditLog audit) {

  /**
   * Replaces the logo (organisation admins only): checked and shrunk off the event loop (see {@link Logos}), stored
   * as a new GridFS file, then the organisation points at it and the previous file is removed; answers the logo's
   * versioned address. Two uploads at once each store a file; the last pointer wins and the other file is the one
   * removed by whichever finishes last (at worst one orphan file, never a broken logo).
   */
  Future<String> replace(String slug, CurrentUser actor, Buffer upload) {
    long version = System.currentTimeMillis();
    return checks.administeredBy(slug, actor)
        .compose(organisation -> Logos.normalised(vertx, upload)
            .compose(png -> logos.save(slug, png))
            .compose(fileId -> organisations.pointToLogo(slug, version, fileId))
            .compose(v -> removeReplaced(organisation)))
        .compose(v -> audit.record(actor, "org.logo", "organisation", slug, null, null))
        .map(v -> Organisation.logoPath(slug, version));
  }

  /** The replaced logo: the previous GridFS file, or the document of a logo stored before GridFS. */
  private Future<Void> removeReplaced(Organisation before) {
    Future<Void> removed = before.logoFile() == null ? logos.deleteLegacy(before.slug())
        : logos.delete(before.logoFile());
    return removed.recover(failure -> Future.succeededFuture());
  }

  /**
   * The stored logo as PNG bytes, or 404: from GridFS when the organisation points at a file, otherwise from the
   * collection logos were kept in before GridFS (so logos uploaded then still show; the next upload moves it).
   */
  Future<byte[]> logo(String slug) {
    return checks.existing(slug)
        .compose(organisation -> organisation.logoFile() != null ? logos.file(organisation.logoFile())
            : logos.legacy(slug))
        .compose(png -> png != null ? Future.succeededFuture(png)
            : Future.failedFuture(ForumException.notFound("This organisation has no logo.")));
  }
}
