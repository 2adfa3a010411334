/**
 * People's public profiles: {@code /u/{username}} and its API (display name, organisations with their badges,
 * recent posts the reader may see, since when they are in the forum; never their e-mail), and a person's edit of
 * their own display name.
 */
package vn.ngoforum.forum.people;
