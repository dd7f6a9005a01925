/** Answers of the courses API as the screens read them (GET /courses, GET /courses/{id}). */

/** A course as listed. */
export interface CourseSummary {
  id: number;
  name: string;
  organizer: string;
  startsOn: string;
  endsOn: string;
  certificatesIssuedOn: string | null;
  version: number;
  organizationCode: string;
}

/** GET /courses. */
export interface CourseList {
  items: CourseSummary[];
}

/** One participant with the result, the certificate and the open candidacy, if any. */
export interface CourseParticipant {
  personId: number;
  fullName: string;
  result: string | null;
  score: number | null;
  certificateNumber: string | null;
  certificateIssuedOn: string | null;
  candidateId: number | null;
  candidateStage: string | null;
}

/** GET /courses/{id}. */
export interface CourseDetail extends Omit<CourseSummary, 'organizationCode'> {
  organizationId: number;
  participants: CourseParticipant[];
  /** Set by the certificates answer: the candidates moved to `trained`. */
  candidatesTrained?: number[];
}
