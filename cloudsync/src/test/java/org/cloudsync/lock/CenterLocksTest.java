package org.cloudsync.lock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.cloudsync.format.CloudsyncException;
import org.cloudsync.format.ErrorCode;
import org.cloudsync.ledger.CenterId;
import org.cloudsync.testing.ChildJvm;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The file locks, in this process and against real child processes ({@link LockHoldingMain}): who
 * holds a lock is written and read back, a second holder is refused with {@code CENTER_BUSY} naming
 * the first, and a lock whose process was killed with SIGKILL is free at once.
 */
@Timeout(value = 2, unit = TimeUnit.MINUTES)
class CenterLocksTest {
  private static final CenterId RIVERSIDE = new CenterId("riverside");
  private static final CenterId LAKESIDE = new CenterId("lakeside");
  private static final Instant NOW = Instant.parse("2026-11-26T12:00:00.750Z");

  @TempDir Path tmp;
  private final List<Process> children = new ArrayList<>();
  private final List<CenterLock> held = new ArrayList<>();

  @AfterEach
  void cleanUp() {
    held.forEach(CenterLock::close);
    children.forEach(Process::destroyForcibly);
  }

  private CenterLocks locks() {
    return new CenterLocks(tmp.resolve("locks"), null, Clock.fixed(NOW, ZoneOffset.UTC));
  }

  private CenterLock hold(CenterLocks locks, CenterId center) {
    CenterLock lock = locks.acquire(center);
    held.add(lock);
    return lock;
  }

  @Test
  void aHeldLockNamesItsHolderInItsFileAndIsFreeAgainOnceClosed() throws IOException {
    CenterLocks locks = locks();
    CenterLock lock = hold(locks, RIVERSIDE);
    long pid = ProcessHandle.current().pid();

    assertThat(lock.file()).isEqualTo(tmp.resolve("locks").resolve("riverside.lock"));
    assertThat(Files.readString(lock.file()))
        .isEqualTo(
            "pid=" + pid + "\nhost=" + LockHolder.hostName() + "\nsince=2026-11-26T12:00:00Z\n");
    assertThat(locks.holder(RIVERSIDE))
        .contains(
            new LockHolder(pid, LockHolder.hostName(), Instant.parse("2026-11-26T12:00:00Z")));

    lock.close();
    lock.close();
    assertThat(Files.readString(lock.file())).as("emptied, never deleted").isEmpty();
    assertThat(locks.holder(RIVERSIDE)).isEmpty();
    hold(locks, RIVERSIDE);
  }

  @Test
  void aSecondCycleInThisProcessIsBusyAndTheFirstKeepsTheLock() throws Exception {
    CenterLocks locks = locks();
    hold(locks, RIVERSIDE);

    assertThatThrownBy(() -> locks().acquire(RIVERSIDE))
        .isInstanceOfSatisfying(
            CloudsyncException.class,
            e -> {
              assertThat(e.code()).isEqualTo(ErrorCode.CENTER_BUSY);
              assertThat(e.getMessage())
                  .startsWith("health center 'riverside' is being synced by another cycle in")
                  .contains("pid " + ProcessHandle.current().pid() + " on host ");
              assertThat(e.hints()).hasSize(2);
            });
    // The refused attempt did not drop the operating-system lock: another process is refused too.
    Process child = child("riverside");
    String said = firstLine(child);
    assertThat(said)
        .startsWith("busy health center 'riverside' is being synced by another cloudsync process")
        .contains("(pid " + ProcessHandle.current().pid() + " on host " + LockHolder.hostName());
    assertThat(child.waitFor()).isEqualTo(3);
  }

  @Test
  void differentCentersAreLockedApart() {
    CenterLocks locks = locks();
    hold(locks, RIVERSIDE);
    CenterLock other = hold(locks, LAKESIDE);
    assertThat(other.file().getFileName().toString()).isEqualTo("lakeside.lock");
    assertThat(locks.holder(LAKESIDE)).isPresent();
  }

  @Test
  void aLockHeldByAnotherProcessIsBusyNamingItAndFreeTheMomentItIsKilled() throws Exception {
    Process child = child("riverside");
    assertThat(firstLine(child)).isEqualTo("held");
    CenterLocks locks = locks();

    assertThatThrownBy(() -> locks.acquire(RIVERSIDE))
        .isInstanceOfSatisfying(
            CloudsyncException.class,
            e -> {
              assertThat(e.code()).isEqualTo(ErrorCode.CENTER_BUSY);
              assertThat(e.getMessage())
                  .isEqualTo(
                      "health center 'riverside' is being synced by another cloudsync process"
                          + " (pid "
                          + child.pid()
                          + " on host "
                          + LockHolder.hostName()
                          + " since "
                          + locks.holder(RIVERSIDE).orElseThrow().since()
                          + "); skipped it");
            });
    assertThat(locks.holder(RIVERSIDE)).map(LockHolder::pid).contains(child.pid());

    child.destroyForcibly();
    assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
    Path file = tmp.resolve("locks").resolve("riverside.lock");
    assertThat(Files.readString(file))
        .as("the killed holder's lines stay")
        .contains("pid=" + child.pid());
    assertThat(locks.holder(RIVERSIDE)).as("its process is gone").isEmpty();

    CenterLock lock = hold(locks, RIVERSIDE);
    assertThat(Files.readString(file)).contains("pid=" + ProcessHandle.current().pid());
    assertThat(lock.holder().pid()).isEqualTo(ProcessHandle.current().pid());
  }

  @Test
  void aLockDirectoryThatCannotBeMadeIsAClearError() throws IOException {
    Path notADirectory = Files.writeString(tmp.resolve("locks"), "a file");
    CenterLocks locks = new CenterLocks(notADirectory, null, Clock.systemUTC());
    assertThatThrownBy(() -> locks.acquire(RIVERSIDE))
        .isInstanceOfSatisfying(
            CloudsyncException.class,
            e -> {
              assertThat(e.code()).isEqualTo(ErrorCode.OUTPUT_UNWRITABLE);
              assertThat(e.getMessage())
                  .startsWith(
                      "cannot lock health center 'riverside' with '"
                          + notADirectory.resolve("riverside.lock")
                          + "': ");
              assertThat(e.hints()).anyMatch(h -> h.contains(notADirectory.toString()));
            });
    // Nothing is left registered: the same center can be locked elsewhere.
    new CenterLocks(tmp.resolve("other"), null, Clock.systemUTC()).acquire(RIVERSIDE).close();
  }

  @Test
  void theHolderReadsBackFromItsFileAndItsSessionTag() {
    LockHolder h = new LockHolder(4242, "sync-host.example", Instant.parse("2026-11-26T12:00:00Z"));
    assertThat(LockHolder.parseFile(h.fileText())).contains(h);
    assertThat(LockHolder.parseSessionTag(h.sessionTag())).contains(h);
    assertThat(h.sessionTag()).isEqualTo("cloudsync:4242:1795694400:sync-host.example");
    assertThat(h).hasToString("pid 4242 on host sync-host.example since 2026-11-26T12:00:00Z");
    // A holder still writing its lines, or text that is not a holder's, names nobody.
    assertThat(LockHolder.parseFile("pid=4242\nho")).isEmpty();
    assertThat(LockHolder.parseFile("")).isEmpty();
    assertThat(LockHolder.parseFile("pid=x\nhost=h\nsince=2026-11-26T12:00:00Z\n")).isEmpty();
    assertThat(LockHolder.parseSessionTag("psql")).isEmpty();
    assertThat(LockHolder.parseSessionTag("cloudsync:1:2")).isEmpty();
  }

  @Test
  void aHolderOnThisHostWhoseProcessEndedIsGone() throws Exception {
    Process p = new ProcessBuilder("true").start();
    p.waitFor();
    assertThat(new LockHolder(p.pid(), LockHolder.hostName(), NOW).goneFromThisHost()).isTrue();
    assertThat(LockHolder.thisProcess(Instant.now()).goneFromThisHost()).isFalse();
    assertThat(new LockHolder(p.pid(), "elsewhere.example", NOW).goneFromThisHost())
        .as("another host's process cannot be looked at")
        .isFalse();
  }

  private Process child(String center) throws IOException {
    Process p =
        ChildJvm.builder(
                LockHoldingMain.class.getName(),
                false,
                List.of(tmp.resolve("locks").toString(), center))
            .redirectError(ProcessBuilder.Redirect.DISCARD)
            .start();
    children.add(p);
    return p;
  }

  static String firstLine(Process p) throws IOException {
    BufferedReader out =
        new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
    String line = out.readLine();
    assertThat(line).as("the child's first line").isNotNull();
    return line;
  }
}
