/** Config files in order of precedence: modelreg's own, then GTO's. */
export const CONFIG_FILES = ['.modelreg.yaml', '.gto'] as const;
/** Larger annotation files and configs are refused: they are small, hand-written text. */
export const MAX_YAML_BYTES = 1_000_000;
