package vn.ngoforum.registry.imports;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.Reader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.apache.commons.csv.CSVRecord;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.DataFormatter;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.xssf.usermodel.XSSFSheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import vn.ngoforum.error.ForumException;
import vn.ngoforum.text.VietnameseText;

/**
 * A spreadsheet of organisations as the forum reads it: the first row names the columns, in English or Vietnamese,
 * with or without diacritics ({@code name_vi}, {@code Tên tiếng Việt}, {@code ten tieng viet} are one column); every
 * other non-empty row is an organisation. CSV (UTF-8, comma or semicolon) or XLSX (the first sheet). And the template
 * the admins download, with the expected columns in both languages. Reading and writing are blocking work: callers run
 * them off the event loop.
 */
final class Sheet {

  /** The columns, in the template's order, each with the headers that name it (folded, letters and digits only). */
  static final Map<String, List<String>> COLUMNS = columns();
  /** The most rows one import takes. */
  static final int MAX_ROWS = 2000;
  static final String CSV = "text/csv";
  static final String XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

  private Sheet() {
  }

  private static Map<String, List<String>> columns() {
    Map<String, List<String>> columns = new LinkedHashMap<>();
    columns.put("name_vi", List.of("namevi", "tentiengviet", "ten", "tentochuc", "tentochuctiengviet"));
    columns.put("name_en", List.of("nameen", "name", "tentienganh", "englishname", "tentochuctienganh"));
    columns.put("acronym", List.of("acronym", "tenviettat", "viettat"));
    columns.put("province", List.of("province", "tinhthanh", "tinh", "tinhthanhpho", "provincecity"));
    columns.put("focus_areas", List.of("focusareas", "focus", "linhvuc", "linhvuchoatdong"));
    columns.put("website", List.of("website", "trangweb", "web"));
    columns.put("contact_email", List.of("contactemail", "email", "emaillienhe", "thudientu"));
    columns.put("founded_year", List.of("foundedyear", "founded", "namthanhlap"));
    columns.put("description_vi", List.of("descriptionvi", "motatiengviet", "mota", "gioithieu"));
    columns.put("description_en", List.of("descriptionen", "description", "motatienganh"));
    return columns;
  }

  /** The template's two header rows' labels: English, then Vietnamese. */
  private static final List<String> VI_HEADERS = List.of("Tên tiếng Việt", "Tên tiếng Anh", "Tên viết tắt",
      "Tỉnh/thành", "Lĩnh vực", "Website", "Email liên hệ", "Năm thành lập", "Mô tả tiếng Việt", "Mô tả tiếng Anh");
  private static final List<String> EXAMPLE = List.of("Trung tâm Bảo tồn Ví dụ", "Example Conservation Centre",
      "ECC", "Quảng Trị", "rescue; research", "https://example.org", "info@example.org", "2010",
      "Cứu hộ động vật hoang dã.", "Rescues wildlife.");

  /** The rows of the file, each as {@code column → text} (empty cells left out); 400 when it cannot be read. */
  static List<Map<String, String>> read(byte[] bytes, String type) {
    List<List<String>> cells = XLSX.equals(type) ? xlsx(bytes) : csv(bytes);
    if (cells.isEmpty()) {
      throw ForumException.invalid("file", "The file is empty.");
    }
    List<String> header = cells.get(0).stream().map(Sheet::column).toList();
    if (!header.contains("name_vi") && !header.contains("name_en")) {
      throw ForumException.invalid("file", "The first row must name the columns, at least name_vi or name_en"
          + " (download the template).");
    }
    if (cells.size() - 1 > MAX_ROWS) {
      throw ForumException.invalid("file", "A file may hold at most " + MAX_ROWS + " organisations.");
    }
    List<Map<String, String>> rows = new ArrayList<>();
    for (List<String> line : cells.subList(1, cells.size())) {
      Map<String, String> row = new LinkedHashMap<>();
      for (int i = 0; i < Math.min(header.size(), line.size()); i++) {
        String value = line.get(i) == null ? "" : line.get(i).strip();
        if (header.get(i) != null && !value.isEmpty()) {
          row.put(header.get(i), value);
        }
      }
      rows.add(row);
    }
    return rows;
  }

  /** The column a header names, or {@code null} for one the forum does not know (ignored). */
  static String column(String header) {
    String folded = VietnameseText.fold(header == null ? "" : header).replaceAll("[^a-z0-9]", "");
    return COLUMNS.entrySet().stream().filter(column -> column.getValue().contains(folded)).map(Map.Entry::getKey)
        .findFirst().orElse(null);
  }

  private static List<List<String>> csv(byte[] bytes) {
    String text = new String(bytes, StandardCharsets.UTF_8);
    if (text.startsWith("\uFEFF")) {
      text = text.substring(1);
    }
    String firstLine = text.lines().findFirst().orElse("");
    char delimiter = firstLine.chars().filter(c -> c == ';').count() > firstLine.chars().filter(c -> c == ',').count()
        ? ';' : ',';
    List<List<String>> lines = new ArrayList<>();
    try (Reader reader = new java.io.StringReader(text)) {
      for (CSVRecord record : CSVFormat.RFC4180.builder().setDelimiter(delimiter).get().parse(reader)) {
        if (lines.size() > MAX_ROWS + 1) {
          break;
        }
        List<String> line = new ArrayList<>();
        record.forEach(line::add);
        if (line.stream().anyMatch(cell -> !cell.isBlank())) {
          lines.add(line);
        }
      }
    } catch (IOException | UncheckedIOException | IllegalStateException e) {
      throw ForumException.invalid("file", "The file is not a CSV file the forum can read.");
    }
    return lines;
  }

  private static List<List<String>> xlsx(byte[] bytes) {
    DataFormatter formatter = new DataFormatter(Locale.ROOT);
    List<List<String>> lines = new ArrayList<>();
    try (XSSFWorkbook workbook = new XSSFWorkbook(new ByteArrayInputStream(bytes))) {
      XSSFSheet sheet = workbook.getSheetAt(0);
      for (Row row : sheet) {
        if (lines.size() > MAX_ROWS + 1) {
          break;
        }
        List<String> line = new ArrayList<>();
        for (int i = 0; i < row.getLastCellNum(); i++) {
          Cell cell = row.getCell(i);
          line.add(cell == null ? "" : formatter.formatCellValue(cell));
        }
        if (line.stream().anyMatch(cell -> !cell.isBlank())) {
          lines.add(line);
        }
      }
    } catch (IOException | RuntimeException e) {
      throw ForumException.invalid("file", "The file is not an XLSX workbook the forum can read.");
    }
    return lines;
  }

  /** The template as CSV (UTF-8 with a BOM, for spreadsheet programs): the English header row and an example. */
  static byte[] templateCsv(boolean vietnamese) {
    StringWriter out = new StringWriter().append('\uFEFF');
    try (CSVPrinter printer = new CSVPrinter(out, CSVFormat.RFC4180)) {
      printer.printRecord(vietnamese ? VI_HEADERS : COLUMNS.keySet());
      printer.printRecord(EXAMPLE);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toString().getBytes(StandardCharsets.UTF_8);
  }

  /** The template as XLSX: the header row (English or Vietnamese) and an example row. */
  static byte[] templateXlsx(boolean vietnamese) {
    try (XSSFWorkbook workbook = new XSSFWorkbook(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
      XSSFSheet sheet = workbook.createSheet(vietnamese ? "To chuc" : "Organisations");
      List<String> headers = vietnamese ? VI_HEADERS : new ArrayList<>(COLUMNS.keySet());
      for (int r = 0; r < 2; r++) {
        Row row = sheet.createRow(r);
        List<String> values = r == 0 ? headers : EXAMPLE;
        for (int c = 0; c < values.size(); c++) {
          row.createCell(c).setCellValue(values.get(c));
        }
      }
      workbook.write(out);
      return out.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
