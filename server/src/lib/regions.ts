/** Region prefix of a GB/T 2260 code: 440100 → 4401, 440000 → 44, 000000 → '' (everything). */
export function regionPrefix(code: string): string {
  let p = code;
  while (p.endsWith('00')) p = p.slice(0, -2);
  return p;
}

/** Prefecture-level names of the demo province (广东省, GB/T 2260); other codes show as the code. */
const cityNames: Readonly<Record<string, string>> = {
  '4401': '广州市',
  '4402': '韶关市',
  '4403': '深圳市',
  '4404': '珠海市',
  '4405': '汕头市',
  '4406': '佛山市',
  '4407': '江门市',
  '4408': '湛江市',
  '4409': '茂名市',
  '4412': '肇庆市',
  '4413': '惠州市',
  '4414': '梅州市',
  '4415': '汕尾市',
  '4416': '河源市',
  '4417': '阳江市',
  '4418': '清远市',
  '4419': '东莞市',
  '4420': '中山市',
  '4451': '潮州市',
  '4452': '揭阳市',
  '4453': '云浮市',
};

/** A region prefix's name for dashboards: 广东省, 广州市, or the code itself (a county). */
export function regionLabel(prefix: string, provinceNames: Readonly<Record<string, string>> = {}): string {
  if (prefix === '') return '全国';
  return (prefix.length === 2 ? provinceNames[prefix] : prefix.length === 4 ? cityNames[prefix] : undefined) ?? prefix;
}
