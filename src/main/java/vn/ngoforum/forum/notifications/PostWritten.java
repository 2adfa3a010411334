package vn.ngoforum.forum.notifications;

/**
 * A post just stored, as the notifier needs it: its thread (id, title, category, the thread's author), the post
 * (id, number in the thread, address, plain text) and the author of the post it quotes ({@code null}: none).
 */
public record PostWritten(String threadId, String title, String category, String threadAuthorId, String postId,
    int number, String url, String text, String quotedAuthorId) {
}
