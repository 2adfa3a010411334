/**
 * Recognition (issue 17, point 9): what each organisation took part in, kept per organisation on write (its
 * members' comments, its endorsements, its signatures) so its profile reads one document by key.
 */
package vn.ngoforum.consultations.recognition;
