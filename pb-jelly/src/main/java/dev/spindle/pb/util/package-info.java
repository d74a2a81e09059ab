/**
 * Paging over Perspective Broker ({@code twisted.spread.util}): {@link dev.spindle.pb.util.Pager}
 * and its {@link dev.spindle.pb.util.StringPager} and {@link dev.spindle.pb.util.FilePager} send a
 * large value as {@code gotPage} calls, paced by the connection's writability; {@link
 * dev.spindle.pb.util.PageCollector} and {@link dev.spindle.pb.util.Pagers#getAllPages} receive
 * it. Above {@code dev.spindle.pb}: sees {@code dev.spindle.pb}, {@code flavors} and {@code jelly},
 * and the broker only for flow control.
 */
package dev.spindle.pb.util;
