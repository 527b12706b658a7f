package io.pulsechat.bench;

import java.awt.BasicStroke;
import java.awt.Color;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

import org.jfree.chart.ChartFactory;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.category.DefaultCategoryDataset;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/** The report's PNG charts, drawn with JFreeChart (headless). */
final class Charts {

    private static final Color[] COLORS = {new Color(0x1f77b4), new Color(0xd62728), new Color(0x2ca02c), new Color(0xff7f0e)};

    static {
        if (System.getProperty("java.awt.headless") == null) {
            System.setProperty("java.awt.headless", "true");
        }
    }

    private Charts() {
    }

    /** p50, p99 and max latency per rate into the room, one colour per target, log scale. */
    static void latencyPerRate(List<Results> results, int roomSize, Path file) throws IOException {
        var data = new XYSeriesCollection();
        for (Results r : results) {
            var p50 = new XYSeries(r.name + " p50");
            var p99 = new XYSeries(r.name + " p99");
            var max = new XYSeries(r.name + " max");
            for (Results.RateStep s : r.rates) {
                p50.add(s.rate(), Math.max(0.1, s.summary().p50()));
                p99.add(s.rate(), Math.max(0.1, s.summary().p99()));
                max.add(s.rate(), Math.max(0.1, s.summary().max()));
            }
            data.addSeries(p50);
            data.addSeries(p99);
            data.addSeries(max);
        }
        JFreeChart chart = ChartFactory.createXYLineChart("Room of " + roomSize + ": latency from scheduled send to delivery",
                "messages per second into the room (each to " + roomSize + " members)", "latency (ms)", data,
                PlotOrientation.VERTICAL, true, false, false);
        XYPlot plot = chart.getXYPlot();
        LogAxis y = new LogAxis("latency (ms, log scale)");
        y.setSmallestValue(0.1);
        y.setTickUnit(new org.jfree.chart.axis.NumberTickUnit(1.0), false, true); // a tick per decade
        y.setNumberFormatOverride(new java.text.DecimalFormat("#,##0.#"));
        plot.setRangeAxis(y);
        var renderer = new XYLineAndShapeRenderer(true, true);
        float[][] dashes = {null, {6f, 4f}, {2f, 3f}};
        for (int i = 0; i < data.getSeriesCount(); i++) {
            renderer.setSeriesPaint(i, COLORS[(i / 3) % COLORS.length]);
            float[] dash = dashes[i % 3];
            renderer.setSeriesStroke(i, dash == null ? new BasicStroke(2f)
                    : new BasicStroke(2f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, dash, 0f));
        }
        plot.setRenderer(renderer);
        plot.setBackgroundPaint(Color.WHITE);
        plot.setRangeGridlinePaint(Color.LIGHT_GRAY);
        plot.setDomainGridlinePaint(Color.LIGHT_GRAY);
        ChartUtils.saveChartAsPNG(file.toFile(), chart, 1000, 560);
    }

    /**
     * Heap (after a full GC) per idle connection at each ladder step, per target. RSS is in the report's table only:
     * a JVM's RSS follows its committed heap, which grows and shrinks with GC policy, not with live data.
     */
    static void memoryPerConnection(List<Results> results, Path file) throws IOException {
        var data = new DefaultCategoryDataset();
        for (Results r : results) {
            for (Results.IdleStep s : r.ladder) {
                data.addValue(s.heapPerConnection() / 1024, r.name, String.format("%,d", s.connections()));
            }
        }
        JFreeChart chart = ChartFactory.createBarChart("Heap per idle connection (after a full GC)", "idle connections held",
                "KB per connection", data, PlotOrientation.VERTICAL, true, false, false);
        var plot = chart.getCategoryPlot();
        var labels = new org.jfree.chart.labels.StandardCategoryItemLabelGenerator("{2}", new java.text.DecimalFormat("0.0"));
        plot.getRenderer().setDefaultItemLabelGenerator(labels);
        plot.getRenderer().setDefaultItemLabelsVisible(true);
        plot.setBackgroundPaint(Color.WHITE);
        plot.setRangeGridlinePaint(Color.LIGHT_GRAY);
        for (int i = 0; i < data.getRowCount(); i++) {
            plot.getRenderer().setSeriesPaint(i, COLORS[i % COLORS.length]);
        }
        ChartUtils.saveChartAsPNG(file.toFile(), chart, 1000, 560);
    }
}
