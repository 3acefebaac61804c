import { describe, expect, it } from 'vitest';
import { PLOT_WIDTH, barGeometry, barPercent, chartScale } from './BarChart';

describe('bar chart geometry', () => {
  it('runs the bars from zero, to the left for a negative figure', () => {
    const scale = chartScale([-4700, 6000], 0, PLOT_WIDTH);
    expect(scale.zero).toBeCloseTo((4700 / 10700) * PLOT_WIDTH);
    const neg = barGeometry(-4700, scale);
    expect(neg.x).toBe(0);
    expect(neg.width).toBeCloseTo(scale.zero);
    const pos = barGeometry(6000, scale);
    expect(pos.x).toBeCloseTo(scale.zero);
    expect(pos.x + pos.width).toBeCloseTo(PLOT_WIDTH);
  });

  it('gives the largest figure the whole row and keeps a tiny one visible', () => {
    const scale = chartScale([0, 1, 1000], 0, PLOT_WIDTH);
    expect(barPercent(barGeometry(1000, scale).width)).toBe(100);
    expect(barPercent(barGeometry(0, scale).width)).toBe(0);
    expect(barGeometry(1, scale).width).toBe(2);
    expect(barPercent(barGeometry(375, scale).width)).toBe(37.5);
  });

  it('draws nothing but the axis when every figure is zero', () => {
    const scale = chartScale([0, 0], 0, PLOT_WIDTH);
    expect(scale.zero).toBe(0);
    expect(barGeometry(0, scale)).toEqual({ x: 0, width: 0 });
  });
});
