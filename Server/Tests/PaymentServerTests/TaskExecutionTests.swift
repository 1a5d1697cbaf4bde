import PaymentServer
import Testing

@Suite struct TaskExecutionTests {
    @Test func theFileJournalServerRunsTasksOnTheEventLoops() {
        #expect(TaskExecution.eventLoopsRunTasks(arguments: [], environment: [:]))
        #expect(TaskExecution.eventLoopsRunTasks(arguments: ["--demo", "--port", "8080"], environment: [:]))
        #expect(TaskExecution.eventLoopsRunTasks(arguments: ["serve", "--data", "/tmp/x"], environment: [:]))
    }

    @Test func thePostgreSQLStoreKeepsTheDefaultPool() {
        #expect(!TaskExecution.eventLoopsRunTasks(arguments: ["--database", "postgres://a@b/c"], environment: [:]))
        #expect(!TaskExecution.eventLoopsRunTasks(arguments: ["serve", "--database=postgres://a@b/c"], environment: [:]))
        #expect(!TaskExecution.eventLoopsRunTasks(arguments: [], environment: ["DRV_SERVER_DATABASE_URL": "postgres://a@b/c"]))
        #expect(!TaskExecution.eventLoopsRunTasks(arguments: [], environment: ["DRV_SERVER_STORE": "postgres"]))
        #expect(
            !TaskExecution.eventLoopsRunTasks(
                arguments: [], environment: ["DRV_SERVER_STORE": "postgres", "PGPORT": "not a port"]))
    }

    @Test func otherSubcommandsAndTheSwitchKeepTheDefaultPool() {
        #expect(!TaskExecution.eventLoopsRunTasks(arguments: ["remind"], environment: [:]))
        #expect(!TaskExecution.eventLoopsRunTasks(arguments: [], environment: ["DRV_SERVER_EVENT_LOOP_TASKS": "0"]))
    }
}
