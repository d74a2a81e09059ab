/**
 * What {@code spindle serve-demo} serves: the servers the README's command-line examples call
 * (AMP {@code Sum}/{@code Divide}, a PB root with {@code echo}/{@code add}/{@code fail}, a PB
 * login whose avatar answers {@code whoami}). Not exported.
 */
package dev.spindle.cli.demo;
