/**
 * The NGO directory, the registry's public face: finding organisations (by words, province, focus area,
 * verification), the counts per province and focus area, the forum admins' CSV export, and the fixed reference
 * lists (the 34 provinces and cities since 2025, with the names they absorbed; the focus areas).
 */
package vn.ngoforum.registry.directory;
