/**
 * Files attached to posts: checking them before anything is stored (type from the bytes, size, an image's pixels),
 * storing them within a person's allowance, downloading them (for whoever may read their post, see
 * {@link vn.ngoforum.forum.attachments.FileAccess}) and removing the uploads no post ever carried.
 */
package vn.ngoforum.forum.attachments;
