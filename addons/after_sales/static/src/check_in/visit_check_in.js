/** @odoo-module **/

import { Component, useState } from "@odoo/owl";
import { _t } from "@web/core/l10n/translation";
import { registry } from "@web/core/registry";
import { useService } from "@web/core/utils/hooks";
import { standardWidgetProps } from "@web/views/widgets/standard_widget_props";

/**
 * 外勤签到: check in and out of a visit with the position of the phone.
 *
 * The browser gives the position (navigator.geolocation); the server checks
 * it, computes the distance to the customer and decides whether the visit is
 * verified. Nothing here is trusted for the verdict.
 */
export class VisitCheckIn extends Component {
    static template = "after_sales.VisitCheckIn";
    static props = { ...standardWidgetProps };

    setup() {
        this.orm = useService("orm");
        this.notification = useService("notification");
        this.state = useState({ busy: false });
    }

    get record() {
        return this.props.record;
    }

    get canCheckIn() {
        const data = this.record.data;
        return data.state === "planned" && !data.check_in_time && !this.props.readonly;
    }

    get canCheckOut() {
        const data = this.record.data;
        return data.check_in_time && !data.check_out_time && !this.props.readonly;
    }

    getPosition() {
        return new Promise((resolve, reject) => {
            if (!navigator.geolocation) {
                reject(new Error(_t("This browser cannot give its position.")));
                return;
            }
            navigator.geolocation.getCurrentPosition(
                (position) => resolve(position.coords),
                (error) =>
                    reject(
                        new Error(
                            _t("The position is not available: %s", error.message || "")
                        )
                    ),
                { enableHighAccuracy: true, timeout: 20000, maximumAge: 0 }
            );
        });
    }

    async onClick(method) {
        if (this.state.busy) {
            return;
        }
        this.state.busy = true;
        try {
            const saved = await this.record.save();
            if (saved === false) {
                return;
            }
            const coords = await this.getPosition();
            await this.orm.call("after.sales.visit", method, [
                [this.record.resId],
                coords.latitude,
                coords.longitude,
            ]);
            await this.record.load();
        } catch (error) {
            if (error instanceof Error && !error.data) {
                this.notification.add(error.message, { type: "danger" });
            } else {
                throw error;
            }
        } finally {
            this.state.busy = false;
        }
    }
}

export const visitCheckIn = {
    component: VisitCheckIn,
};

registry.category("view_widgets").add("after_sales_visit_check_in", visitCheckIn);
