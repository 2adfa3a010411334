/**
 * Telling people what concerns them, as a port: a feature that keeps no notifications of its own (the registry:
 * join requests, decisions, verification) hands a {@link vn.ngoforum.notify.Notice} to
 * {@link vn.ngoforum.notify.Notify}; the forum's notifications store it, count it in the header, push it live on
 * {@code user.{id}} and e-mail it. Wired in the composition root; knows no feature.
 */
package vn.ngoforum.notify;
