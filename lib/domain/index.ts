/**
 * The pure domain core: vocabularies, capability catalog, stage bounds, gateway decision,
 * stage gate, person permissions and review rules. No I/O; safe to import from the Next app,
 * the custom server and tests.
 */
export * from "./constants";
export * from "./catalog";
export * from "./stages";
export * from "./decide";
export * from "./gate";
export * from "./permissions";
export * from "./review";
