/**
 * Consultations on policy texts: stored by key (the consultation, its split text, the bounded list, the comments
 * with ids counted per clause), the rules of who may read, open, close and comment, the API and the reading pages.
 */
package vn.ngoforum.consultations.documents;
