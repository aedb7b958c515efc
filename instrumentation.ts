// Runs once when a server process starts (Next's instrumentation hook), before requests reach
// the app.
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME === "nodejs") {
    const { installPeerAddressStamp } = await import("./lib/server/peer-address-stamp.ts");
    installPeerAddressStamp();
  }
}
