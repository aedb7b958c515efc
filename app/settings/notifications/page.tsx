import type { Metadata } from "next";
import { ActionForm } from "@/components/action-form";
import { CheckboxField } from "@/components/field";
import { CATEGORY_LABELS, FREQUENCY_LABELS, MAIL_FREQUENCIES, NOTIFICATION_CATEGORIES } from "@/lib/domain/mail/mail-preferences";
import { requireActor } from "@/lib/server/auth/get-actor";
import { loadMailPreferences } from "@/lib/server/mail/load-mail-preferences";
import { getViewerTimeZone } from "@/lib/server/viewer-time-zone";
import { saveMailPreferencesAction } from "./actions";

export const metadata: Metadata = { title: "Email notifications" };

const TIME_ZONES = Intl.supportedValuesOf("timeZone");

export default async function EmailSettingsPage() {
  const actor = await requireActor("/settings/notifications");
  const [preferences, viewerZone] = await Promise.all([loadMailPreferences({ userId: actor.id }), getViewerTimeZone()]);
  const timeZone = preferences.timeZone ?? viewerZone;
  const zones = TIME_ZONES.includes(timeZone) ? TIME_ZONES : [timeZone, ...TIME_ZONES];
  return (
    <>
      <h1>Email notifications</h1>
      <p>
        What Scholia emails you at <strong>{actor.email}</strong>, and how soon. Everything also appears under Notifications in the app,
        whatever you choose here. Every email has a link to unsubscribe from its kind.
      </p>
      <ActionForm action={saveMailPreferencesAction} submitLabel="Save email settings" className="form">
        {NOTIFICATION_CATEGORIES.map((category) => (
          <fieldset key={category} className="field" aria-describedby={`hint-${category}`}>
            <legend>{CATEGORY_LABELS[category].label}</legend>
            <p className="field-hint" id={`hint-${category}`}>
              {CATEGORY_LABELS[category].hint}
            </p>
            {MAIL_FREQUENCIES.map((frequency) => (
              <label key={frequency} className="choice">
                <input type="radio" name={category} value={frequency} defaultChecked={preferences[category] === frequency} />{" "}
                {FREQUENCY_LABELS[frequency]}
              </label>
            ))}
          </fieldset>
        ))}
        <CheckboxField
          label="Due-date reminders"
          name="dueReminders"
          defaultChecked={preferences.dueReminders}
          hint="As a student: a reminder a day before an assignment is due, while you have fewer posts than it asks for."
        />
        <CheckboxField
          label="Unanswered questions"
          name="unansweredDigest"
          defaultChecked={preferences.unansweredDigest}
          hint="As an instructor or TA: each morning, the students’ questions that no reply answers yet, per assignment."
        />
        <div className="field">
          <label htmlFor="field-timeZone">Time zone</label>
          <p className="field-hint" id="field-timeZone-hint">
            Daily digests arrive around 7:00 in this zone, and reminders give due dates in it.
            {preferences.timeZone ? null : " Detected from this browser; save to keep it."}
          </p>
          <select id="field-timeZone" name="timeZone" defaultValue={timeZone} aria-describedby="field-timeZone-hint">
            {zones.map((zone) => (
              <option key={zone} value={zone}>
                {zone.replaceAll("_", " ")}
              </option>
            ))}
          </select>
        </div>
      </ActionForm>
    </>
  );
}
