export { createDetector, type Detector, type DetectorOptions } from "./detector.js";
export { detectFiles, readListFile, type DetectFilesOptions, type DetectResult } from "./files.js";
export { loadCountryDb, type CountryDb } from "./geo.js";
export { SCORES, SEVERITIES } from "./alert-book.js";
export { MACHINE_CLOCK, type WallClock } from "./wall-clock.js";
