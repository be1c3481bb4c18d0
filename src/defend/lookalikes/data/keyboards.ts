/**
 * Keyboard layouts as their physical rows (digits, then three letter rows), each row starting half a
 * key to the right of the one above, as on ISO/ANSI boards. Neighbours are computed from this geometry
 * (keyboard.ts), so a layout is added by writing its rows.
 * Sources: ISO/IEC 9995-2 key positions; QWERTY (US, ANSI INCITS 154), QWERTZ (DIN 2137-1:2012), AZERTY (NF Z71-300 legacy French).
 */
export interface KeyboardLayout {
  name: string;
  rows: readonly string[];
}

export const KEYBOARD_LAYOUTS: readonly KeyboardLayout[] = [
  { name: "qwerty", rows: ["1234567890", "qwertyuiop", "asdfghjkl", "zxcvbnm"] },
  { name: "qwertz", rows: ["1234567890", "qwertzuiop", "asdfghjkl", "yxcvbnm"] },
  { name: "azerty", rows: ["1234567890", "azertyuiop", "qsdfghjklm", "wxcvbn"] },
];
