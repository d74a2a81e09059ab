/** What users of AMP and PB configure about connections: reconnect policy and transport options. */
package dev.spindle.transport;
