// Stylesheets are imported for their side effect only; Vite extracts them into one .css file.
declare module '*.css' {}
