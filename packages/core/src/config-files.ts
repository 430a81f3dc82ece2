/** Config files in order of precedence: modelreg's own, then GTO's. */
export const CONFIG_FILES = ['.modelreg.yaml', '.gto'] as const;
