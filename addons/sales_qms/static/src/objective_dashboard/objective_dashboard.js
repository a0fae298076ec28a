/** @odoo-module **/

import { Component, onWillStart, useState } from "@odoo/owl";
import { _t } from "@web/core/l10n/translation";
import { registry } from "@web/core/registry";
import { useService } from "@web/core/utils/hooks";
import { standardActionServiceProps } from "@web/webclient/actions/action_service";
import { YearOnYearChart } from "./year_on_year_chart";

/**
 * 质量目标看板: the objectives of a fiscal year as a heat map, a row per
 * objective, a cell per month, quarter and the year; a click on a cell opens
 * its measurement, a row's chart button compares it with last year (同比).
 */
export class ObjectiveDashboard extends Component {
    static template = "sales_qms.ObjectiveDashboard";
    static components = { YearOnYearChart };
    static props = { ...standardActionServiceProps };

    setup() {
        this.orm = useService("orm");
        this.actionService = useService("action");
        const params = this.props.action.params || {};
        this.state = useState({
            data: null,
            fiscalYearId: params.fiscal_year_id || false,
            filters: { indicator_id: false, team_id: false, owner_id: false, not_met: false },
            yearOnYearId: params.objective_id || false,
        });
        this.statusLabels = {
            met: _t("Met"),
            not_met: _t("Not met"),
            no_data: _t("No data"),
        };
        onWillStart(() => this.load());
    }

    get columns() {
        return this.state.data ? this.state.data.columns : [];
    }

    get rows() {
        return this.state.data ? this.state.data.rows : [];
    }

    async load() {
        this.state.data = await this.orm.call("sales.qms.objective", "get_dashboard_data", [
            this.state.fiscalYearId,
            this.state.filters,
        ]);
        this.state.fiscalYearId = this.state.data.fiscal_year_id;
    }

    async onFiscalYearChange(ev) {
        this.state.fiscalYearId = parseInt(ev.target.value) || false;
        // another year offers other indicators, teams and owners
        Object.assign(this.state.filters, { indicator_id: false, team_id: false, owner_id: false });
        this.state.yearOnYearId = false;
        await this.load();
    }

    async onFilterChange(name, ev) {
        this.state.filters[name] =
            ev.target.type === "checkbox" ? ev.target.checked : parseInt(ev.target.value) || false;
        await this.load();
    }

    cellOf(row, column) {
        return row.cells[column.key] || null;
    }

    cellClass(row, column) {
        const cell = this.cellOf(row, column);
        const classes = [`o_sales_qms_cell_${column.type}`];
        classes.push(`o_sales_qms_status_${cell ? cell.status : "no_data"}`);
        if (!cell || column.open) {
            classes.push("o_sales_qms_open");
        }
        if (cell) {
            classes.push("o_sales_qms_clickable");
        }
        return classes.join(" ");
    }

    cellTitle(row, column) {
        const cell = this.cellOf(row, column);
        const parts = [column.title, this.statusLabels[cell ? cell.status : "no_data"]];
        if (cell) {
            parts.push(_t("Target: %(target)s", { target: cell.target_display }));
            if (cell.corrected) {
                parts.push(_t("Corrected"));
            }
            if (cell.analysed) {
                parts.push(_t("Cause analysed"));
            }
        }
        if (column.open) {
            parts.push(_t("Not yet closed"));
        }
        return parts.join(" · ");
    }

    async openCell(row, column) {
        const cell = this.cellOf(row, column);
        if (!cell) {
            return;
        }
        await this.actionService.doAction({
            type: "ir.actions.act_window",
            res_model: "sales.qms.measurement",
            res_id: cell.measurement_id,
            views: [[false, "form"]],
            name: `${row.name} ${column.title}`,
        });
    }

    async openObjective(row) {
        await this.actionService.doAction({
            type: "ir.actions.act_window",
            res_model: "sales.qms.objective",
            res_id: row.id,
            views: [[false, "form"]],
        });
    }

    toggleYearOnYear(row) {
        this.state.yearOnYearId = this.state.yearOnYearId === row.id ? false : row.id;
    }

    closeYearOnYear() {
        this.state.yearOnYearId = false;
    }
}

registry.category("actions").add("sales_qms.objective_dashboard", ObjectiveDashboard);
