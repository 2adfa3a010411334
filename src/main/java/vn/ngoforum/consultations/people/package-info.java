/**
 * What consultations hold of one person: what they wrote, for their data download ({@link
 * vn.ngoforum.consultations.people.Writings}), and what is forgotten when they close their account ({@link
 * vn.ngoforum.consultations.people.FormerWriters}).
 */
package vn.ngoforum.consultations.people;
