package org.plenary.ftp;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.util.AttributeKey;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.plenary.shared.ClientNetworks;
import org.plenary.shared.VenueAddresses;

/**
 * Counts control connections in all and per address (an IPv6 address's /64), before any sign-in, and turns away those
 * over the limits with a 421 reply: one busy or hostile address cannot take every slot.
 */
@Sharable
final class ConnectionGate extends ChannelInboundHandlerAdapter {

  private static final AttributeKey<InetAddress> COUNTED = AttributeKey.valueOf("plenary.ftp.counted");

  private final int maxTotal;
  private final int maxPerAddress;
  private final FtpMetrics metrics;
  private final AtomicInteger total = new AtomicInteger();
  private final Map<InetAddress, AtomicInteger> perAddress = new ConcurrentHashMap<>();
  private volatile boolean closing;

  private final FtpWords english;

  private final VenueAddresses venue;

  ConnectionGate(int maxTotal, int maxPerAddress, VenueAddresses venue, FtpMetrics metrics, FtpWords english) {
    this.english = english;
    this.venue = venue;
    this.maxTotal = maxTotal;
    this.maxPerAddress = maxPerAddress;
    this.metrics = metrics;
  }

  @Override
  public void channelActive(ChannelHandlerContext ctx) {
    // IPv6 clients are counted by their /64: each host has a whole one to take addresses from.
    InetAddress address = ClientNetworks.of(((InetSocketAddress) ctx.channel().remoteAddress()).getAddress());
    Reply refusal = admit(address);
    if (refusal != null) {
      metrics.replied(refusal);
      ctx.writeAndFlush(Unpooled.wrappedBuffer(refusal.bytes(english))).addListener(ChannelFutureListener.CLOSE);
      return;
    }
    ctx.channel().attr(COUNTED).set(address);
    ctx.fireChannelActive();
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) {
    InetAddress address = ctx.channel().attr(COUNTED).getAndSet(null);
    if (address != null) {
      total.decrementAndGet();
      perAddress.computeIfPresent(address, (key, count) -> count.decrementAndGet() == 0 ? null : count);
      ctx.fireChannelInactive();
    }
  }

  /** From now on every new connection is turned away: the server is stopping. */
  void close() {
    closing = true;
  }

  /** Takes a slot for the address, or says why there is none. */
  private Reply admit(InetAddress address) {
    if (closing) {
      return Reply.of(421, "ftp.gate.closing");
    }
    if (total.incrementAndGet() > maxTotal) {
      total.decrementAndGet();
      return Reply.of(421, "ftp.gate.full");
    }
    boolean[] admitted = {false};
    perAddress.compute(address, (key, count) -> {
      AtomicInteger current = count == null ? new AtomicInteger() : count;
      // A declared venue address is hundreds of delegates behind one NAT: only the total caps them.
      admitted[0] = current.get() < maxPerAddress || venue.contains(address);
      if (admitted[0]) {
        current.incrementAndGet();
      }
      return current.get() == 0 ? null : current;
    });
    if (!admitted[0]) {
      total.decrementAndGet();
      return Reply.of(421, "ftp.gate.perAddress", maxPerAddress);
    }
    return null;
  }
}
