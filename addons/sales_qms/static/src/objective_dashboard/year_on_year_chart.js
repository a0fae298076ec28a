/** @odoo-module **/

import { Component, onWillStart, onWillUnmount, onWillUpdateProps, useEffect, useRef, useState } from "@odoo/owl";
import { loadBundle } from "@web/core/assets";
import { _t } from "@web/core/l10n/translation";
import { useService } from "@web/core/utils/hooks";

/**
 * 同比: an objective's months this year against the same months last year,
 * as a line chart (Chart.js, loaded lazily as the graph view does) and a table.
 */
export class YearOnYearChart extends Component {
    static template = "sales_qms.YearOnYearChart";
    static props = { objectiveId: Number, onClose: Function };

    setup() {
        this.orm = useService("orm");
        this.canvasRef = useRef("canvas");
        this.chart = null;
        this.state = useState({ data: null });
        onWillStart(async () => {
            await loadBundle("web.chartjs_lib");
            await this.load(this.props.objectiveId);
        });
        onWillUpdateProps(async (nextProps) => {
            if (nextProps.objectiveId !== this.props.objectiveId) {
                await this.load(nextProps.objectiveId);
            }
        });
        useEffect(
            () => this.renderChart(),
            () => [this.state.data]
        );
        onWillUnmount(() => this.chart && this.chart.destroy());
    }

    async load(objectiveId) {
        this.state.data = await this.orm.call("sales.qms.objective", "get_year_on_year_data", [
            [objectiveId],
        ]);
    }

    get sourceNote() {
        const data = this.state.data;
        if (data.last_year.source === "objective") {
            return _t("Last year: the measurements of last year's objective.");
        }
        return _t("Last year: computed by the indicator for the same scope (no objective last year).");
    }

    renderChart() {
        if (this.chart) {
            this.chart.destroy();
            this.chart = null;
        }
        const data = this.state.data;
        if (!data || !this.canvasRef.el) {
            return;
        }
        const dataset = (series, color, dash) => ({
            label: series.label,
            data: series.values,
            borderColor: color,
            backgroundColor: color,
            borderDash: dash,
            spanGaps: false,
            tension: 0.2,
            formatted: series.formatted,
        });
        this.chart = new Chart(this.canvasRef.el, {
            type: "line",
            data: {
                labels: data.labels,
                datasets: [
                    dataset(data.this_year, "#1f77b4", []),
                    dataset(data.last_year, "#9e9e9e", [6, 4]),
                    {
                        ...dataset(data.target, "#d62728", [2, 2]),
                        borderWidth: 1,
                        pointRadius: 0,
                    },
                ],
            },
            options: {
                maintainAspectRatio: false,
                animation: false,
                plugins: {
                    tooltip: {
                        callbacks: {
                            label: (item) => {
                                const formatted = item.dataset.formatted;
                                const value = formatted ? formatted[item.dataIndex] : item.formattedValue;
                                return `${item.dataset.label}: ${value}`;
                            },
                        },
                    },
                },
            },
        });
    }
}
