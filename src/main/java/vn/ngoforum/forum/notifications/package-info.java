/**
 * Notifications: who a new post concerns (its {@code @mentions}, the quoted author, the thread's author) among
 * those who may read it, stored, pushed live on {@code user.{id}} and e-mailed; the inbox; and the people the forum
 * knows (who has written, for mentions and their completion, e-mail addresses, the roles last seen).
 */
package vn.ngoforum.forum.notifications;
