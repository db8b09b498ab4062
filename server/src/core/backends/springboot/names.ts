// The files the Spring Boot kind reads, by name (a module of its own: the VS Code client imports it).
export const springBootNames = {
  fileNames: ['pom.xml', 'build.gradle', 'build.gradle.kts'],
  companionNames: [
    'application.properties',
    'application.yml',
    'application.yaml',
    'application-*.properties',
    'application-*.yml',
    'application-*.yaml',
    '*.java',
    '*.kt',
  ],
};
