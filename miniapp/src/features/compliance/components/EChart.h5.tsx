import type { EChartsType } from 'echarts/core';
import { useEffect, useRef, useState } from 'react';
import type * as Contract from './EChart';

/** Draws into a div; ECharts arrives on first use (a separate chunk) and follows the div's size. */
export const EChart: typeof Contract.EChart = ({ option, height, label }) => {
  const host = useRef<HTMLDivElement>(null);
  const chart = useRef<EChartsType | null>(null);
  const latest = useRef(option);
  const [failed, setFailed] = useState(false);
  latest.current = option;

  useEffect(() => {
    let closed = false;
    let observer: ResizeObserver | undefined;
    import('./echarts-setup')
      .then(({ echarts }) => {
        const element = host.current;
        if (closed || !element) return;
        const instance = echarts.init(element, undefined, { renderer: 'canvas' });
        chart.current = instance;
        instance.setOption(latest.current);
        if (typeof ResizeObserver !== 'undefined') {
          observer = new ResizeObserver(() => instance.resize());
          observer.observe(element);
        }
      })
      .catch(() => {
        if (!closed) setFailed(true);
      });
    return () => {
      closed = true;
      observer?.disconnect();
      chart.current?.dispose();
      chart.current = null;
    };
  }, []);

  useEffect(() => {
    chart.current?.setOption(option, { notMerge: true });
  }, [option]);

  if (failed) return <div className="compliance-chart__failed">图表加载失败，请刷新页面重试</div>;
  return (
    <div ref={host} className="compliance-chart" role="img" aria-label={label} style={{ height: `${height}px` }} />
  );
};
