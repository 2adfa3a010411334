/**
 * Categories: what they are ({@link vn.ngoforum.forum.categories.Category}), who may read them
 * ({@link vn.ngoforum.forum.categories.CategoryAccess}), the forum admins' management of them (API and page), and
 * the workshop's categories a new forum starts with.
 */
package vn.ngoforum.forum.categories;
