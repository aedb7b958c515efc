import { redirect } from "next/navigation";

/** The settings pages start at the account. */
export default function SettingsPage() {
  redirect("/settings/account");
}
