package vn.ngoforum.journeys;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.apache.poi.xwpf.extractor.XWPFWordExtractor;
import org.apache.poi.xwpf.usermodel.XWPFDocument;

/**
 * Files a journey downloaded, read as a person reading them would: the text of a Word file (Apache POI) or of a PDF
 * (PDFBox, lines joined by single spaces). Each is kept under {@code target/exports/} for a person to open.
 */
final class Exports {

  private Exports() {
  }

  static String docx(byte[] file, String name) throws IOException {
    keep(file, name);
    try (XWPFDocument docx = new XWPFDocument(new ByteArrayInputStream(file));
        XWPFWordExtractor extractor = new XWPFWordExtractor(docx)) {
      return extractor.getText();
    }
  }

  static String pdf(byte[] file, String name) throws IOException {
    keep(file, name);
    try (PDDocument pdf = Loader.loadPDF(file)) {
      return new PDFTextStripper().getText(pdf).replaceAll("\\s*\\R\\s*", " ");
    }
  }

  private static void keep(byte[] file, String name) throws IOException {
    Files.write(Files.createDirectories(Path.of("target", "exports")).resolve(name), file);
  }
}
