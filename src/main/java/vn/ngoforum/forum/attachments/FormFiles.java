package vn.ngoforum.forum.attachments;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.file.FileSystem;
import io.vertx.ext.web.FileUpload;
import io.vertx.ext.web.RoutingContext;
import java.util.ArrayList;
import java.util.List;
import vn.ngoforum.error.ForumException;

/**
 * The files of a page form that writes a post (field {@code files}), all checked and none stored: the post's
 * writing stores them once the post is allowed.
 */
public final class FormFiles {

  /** The body limit of the page forms that carry files: {@link AttachmentService#MAX_PER_POST} files and text. */
  public static final long BODY_LIMIT = (long) AttachmentService.MAX_PER_POST * AttachmentService.MAX_BYTES
      + 1024 * 1024;

  private FormFiles() {
  }

  /**
   * The form's files, checked: more than {@value AttachmentService#MAX_PER_POST}: 400, a file over 10 MB: 413, a
   * type not allowed: 415, an image of too many pixels: 400 (see {@link AttachmentService#check}).
   */
  public static Future<List<CheckedFile>> of(RoutingContext ctx) {
    List<FileUpload> uploads = ctx.fileUploads().stream()
        .filter(upload -> upload.size() > 0 && "files".equals(upload.name())).toList();
    if (uploads.isEmpty()) {
      return Future.succeededFuture(List.of());
    }
    if (uploads.size() > AttachmentService.MAX_PER_POST) {
      return Future.failedFuture(ForumException.invalid(AttachmentService.FIELD, "'attachments' may name at most "
          + AttachmentService.MAX_PER_POST + " files."));
    }
    if (uploads.stream().anyMatch(upload -> upload.size() > AttachmentService.MAX_BYTES)) {
      return Future.failedFuture(AttachmentService.tooLarge());
    }
    FileSystem fs = ctx.vertx().fileSystem();
    return Future.all(uploads.stream().map(upload -> fs.readFile(upload.uploadedFileName())).toList())
        .map(read -> {
          List<Buffer> contents = read.list();
          List<CheckedFile> checked = new ArrayList<>();
          for (int i = 0; i < uploads.size(); i++) {
            checked.add(AttachmentService.check(uploads.get(i).fileName(), contents.get(i)));
          }
          return checked;
        });
  }
}
