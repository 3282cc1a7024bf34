/** MESA's namespaces (resources/b2mml): B2MML/BatchML elements, and the extensions (prefix `Extended`). */
export const B2MML_NAMESPACE = 'http://www.mesa.org/xml/B2MML';
export const EXTENSIONS_NAMESPACE = 'http://www.mesa.org/xml/B2MML-AllExtensions';
