"use client";

import dynamic from "next/dynamic";

/**
 * The sign-out button (next-auth's client) in a chunk of its own, loaded only where it is
 * rendered: a signed-out reader's pages load none of it (issue #12).
 */
export const LazySignOutButton = dynamic(() => import("./sign-out-button").then((module) => module.SignOutButton));
