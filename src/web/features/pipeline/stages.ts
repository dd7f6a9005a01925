/** The pipeline's stages as the screens order them (SPEC §3). */

/** Open stages in order (closed ones — official and the off-ramps — are not on the board). */
export const BOARD_STAGES = [
  'source',
  'fostering',
  'trained',
  'dossier',
  'cell_voted',
  'committee_reviewed',
  'decided',
  'admitted',
  'probation_review',
] as const;
