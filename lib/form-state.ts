// The state a server action returns to its form (shared by server actions and client forms).
export type FormState = {
  status: "idle" | "success" | "error";
  message: string | null;
  fieldErrors: Record<string, string[]>;
};

export const idleFormState: FormState = { status: "idle", message: null, fieldErrors: {} };
