package vn.ngoforum.forum.attachments;

import io.vertx.core.buffer.Buffer;

/**
 * A file as sent, checked (its type from its bytes, its size, an image's declared pixels; see
 * {@link AttachmentService#check}), not yet stored.
 */
public record CheckedFile(String name, String type, Buffer content) {
}
