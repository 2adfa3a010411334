/**
 * Notifications: who a new post concerns (its {@code @mentions}, the quoted author, the thread's author, its
 * watchers) among those who may read it, stored, pushed live on {@code user.{id}} and, as each person chose per topic
 * ({@link vn.ngoforum.forum.notifications.Preferences}, {@code /settings/notifications}), e-mailed at once with a
 * signed one-click unsubscribe link or gathered into the daily digest ({@link
 * vn.ngoforum.forum.notifications.DigestJob}, sent by one node); the inbox; and the people the forum knows (who has
 * written, for mentions and their completion, e-mail addresses, the roles last seen).
 */
package vn.ngoforum.forum.notifications;
