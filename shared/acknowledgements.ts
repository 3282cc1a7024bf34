/**
 * Statements the licenses of parts this application ships ask to be shown with it: in the
 * README, on the terminal's identity panel and in `ebr info`.
 */
/** MESA's B2MML/BatchML schemas (resources/b2mml/LICENSE). */
export const B2MML_ACKNOWLEDGEMENT =
  'The Business To Manufacturing Markup Language (B2MML) is used courtesy of MESA International.';
