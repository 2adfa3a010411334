/**
 * Importing organisations from the spreadsheets networks keep (CSV or XLSX): reading the sheet, a preview of every
 * row with its problems, and the forum admin's confirmation, which stores the good rows once (importing the same
 * file again changes nothing).
 */
package vn.ngoforum.registry.imports;
