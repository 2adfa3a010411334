package vn.ngoforum.db;

import java.nio.file.Path;
import java.time.LocalDate;
import org.h2.mvstore.DataUtils;
import org.h2.mvstore.MVStoreException;
import org.h2.mvstore.MVStoreTool;

/**
 * The embedded store's file exists but cannot be opened. The message says what happened and how to recover, for
 * the person who started the forum; the forum stops on it and never starts an empty store over the file (nor
 * changes it: opening stopped before anything was written).
 */
public final class UnopenableStoreException extends IllegalStateException {

  private static final String UNCHANGED = "The forum has not started and has not changed the file.";

  private UnopenableStoreException(String message, Throwable cause) {
    super(message, cause);
  }

  static UnopenableStoreException of(Path file, Throwable failure) {
    MVStoreException storage = storageCause(failure);
    String h2 = storage != null ? storage.getMessage() : failure.toString();
    int code = storage != null ? storage.getErrorCode() : -1;
    String cannot = "The embedded store cannot be opened: " + file;
    if (code == DataUtils.ERROR_FILE_LOCKED) {
      return new UnopenableStoreException(cannot + " is in use by another process (H2: " + h2 + ").\n"
          + UNCHANGED + "\n"
          + "Another forum with the same FORUM_DATA_DIR is running, or still stopping. Stop it (or wait until it has"
          + " stopped) and start again; or give this forum a FORUM_DATA_DIR of its own; or let it share that forum's"
          + " store: MONGO_URI=mongodb://127.0.0.1:<that forum's FORUM_EMBEDDED_MONGO_PORT>/forum", failure);
    }
    if (code == DataUtils.ERROR_READING_FAILED || code == DataUtils.ERROR_WRITING_FAILED) {
      return new UnopenableStoreException(cannot + " cannot be read or written (H2: " + h2 + ").\n"
          + UNCHANGED + "\n"
          + "Check that the forum's user may read and write the file and its directory, and that the disk is"
          + " healthy and not full. If the file itself is damaged:\n" + recoveryAdvice(file), failure);
    }
    return new UnopenableStoreException(cannot + " is damaged or is not a store file (H2: " + h2 + ").\n"
        + UNCHANGED + " It will not start an empty store over it.\n" + recoveryAdvice(file), failure);
  }

  /** How to get a working store back from a damaged file, in the words and commands a person needs. */
  static String recoveryAdvice(Path file) {
    String copy = file + ".copy";
    return "To recover, with the forum stopped, first copy the file somewhere safe, then either:\n"
        + "  1. restore your latest backup (README: Backups) with the forum's restore command, e.g.\n"
        + "       mvn compile exec:java -Dexec.args=\"restore <backup .zip>\"   (after moving the file aside); or\n"
        + "  2. let H2 try to repair a copy, which keeps the newest version it can read (the last changes may be\n"
        + "     missing; H2's tool fails on some damage, and then only a backup helps):\n"
        + "       cp " + file + " " + copy + " && java -cp " + h2Jar() + " org.h2.mvstore.MVStoreTool -repair "
        + copy + "\n"
        + "     then move the damaged file aside and put " + copy + " in its place; or\n"
        + "  3. move it aside to start with an empty store:\n"
        + "       mv " + file + " " + file + ".damaged-" + LocalDate.now() + "\n"
        + "Meanwhile MONGO_URI can point the forum at another MongoDB.";
  }

  /** The H2 failure behind {@code failure}, or null when the store itself did not fail. */
  static MVStoreException storageCause(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof MVStoreException storage) {
        return storage;
      }
    }
    return null;
  }

  private static String h2Jar() {
    try {
      return Path.of(MVStoreTool.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
    } catch (Exception | Error e) {
      return "<the h2 jar>";
    }
  }
}
