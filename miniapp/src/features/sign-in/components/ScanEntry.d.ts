/**
 * 扫码核验 beside 证照查询 on the sign-in page. ScanEntry.weapp.tsx: the scanner opens from here —
 * checking someone's e-certificate needs no sign-in, and in the mini-program the scanner is the
 * way to read their code. ScanEntry.h5.tsx: nothing — a browser cannot scan here; the phone's
 * camera opens the code's link itself.
 */
export declare function ScanEntry(): JSX.Element | null;
