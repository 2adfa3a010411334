/**
 * An organisation's profile: registering one, its page and API view, its admins' edits and achievements, its logo
 * (checked and shrunk off the event loop), and what it said elsewhere in the forum (through the forum's and
 * Q&amp;A's ports).
 */
package vn.ngoforum.registry.profiles;
